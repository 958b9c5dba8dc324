fn main() {
    println!("credwiz {}", env!("CARGO_PKG_VERSION"));
}
