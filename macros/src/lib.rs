//! The attributes of lazy-main.
