//! Bilingual labels for the small closed sets of the domain (towns, stages, relations...).

use crate::domain::text::Text;

/// A value with a Chinese and an English name.
pub trait Label {
    fn text(&self) -> Text;
    fn zh(&self) -> &'static str {
        self.text().zh
    }
    fn en(&self) -> &'static str {
        self.text().en
    }
}

/// Define a fieldless enum with a label per variant, `ALL` in order, and a stable
/// one-byte `code` (its position) for index keys. A label is a `("中文", "English")` pair
/// or a [`Text`], such as a policy term from `domain::glossary`.
#[macro_export]
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident => $text:expr),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        $vis enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> u8 {
                self as u8
            }

            pub fn from_code(code: u8) -> Option<$name> {
                Self::ALL.get(usize::from(code)).copied()
            }

            pub fn index(self) -> usize {
                self as usize
            }
        }

        impl $crate::domain::label::Label for $name {
            fn text(&self) -> $crate::domain::text::Text {
                match self { $($name::$variant => $crate::domain::text::Text::from($text)),+ }
            }
        }
    };
}
