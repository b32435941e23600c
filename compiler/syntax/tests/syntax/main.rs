//! Integration tests of the `.wxl` front end.

mod cases;
mod fuzz;
mod print;
mod render;
mod spans;
