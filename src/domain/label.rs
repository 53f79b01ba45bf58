//! Bilingual labels for the small closed sets of the domain (towns, stages, relations...).

/// A value with a Chinese and an English name.
pub trait Label {
    fn zh(&self) -> &'static str;
    fn en(&self) -> &'static str;
}

/// Define a fieldless enum with a Chinese and English label per variant, `ALL` in order,
/// and a stable one-byte `code` (its position) for index keys.
#[macro_export]
macro_rules! labelled_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident => ($zh:expr, $en:expr)),+ $(,)? }) => {
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
            fn zh(&self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }
            fn en(&self) -> &'static str {
                match self { $($name::$variant => $en),+ }
            }
        }
    };
}
