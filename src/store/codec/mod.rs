//! How records are laid out in their bytes: what each part costs (`sizes`, measured on a
//! generated district).

#[cfg(test)]
mod sizes;
