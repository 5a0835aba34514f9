//! The one integration test binary: it runs the `actorgraph` executable the way users do.

mod build;
mod check_data;
mod devset;
mod exports;
mod gold;
mod import;
mod inputs;
mod mentions;
mod properties;
mod spark;
mod util;
