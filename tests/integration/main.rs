//! The one integration test binary: it runs the `actorgraph` executable the way users do.

mod check_data;
mod gold;
mod mentions;
mod util;
