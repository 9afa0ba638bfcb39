fn main() {
    let text = std::fs::read_to_string("/tmp/big.toml").unwrap();
    let t = std::time::Instant::now();
    let root = toml::de::DeTable::parse(&text).unwrap();
    println!("parse {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let c = root.clone();
    println!("clone {:?}", t.elapsed());
    let t = std::time::Instant::now();
    drop(c);
    drop(root);
    println!("drop {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let r = brief::model::load_str("x", &text).unwrap();
    println!("load {:?} {}", t.elapsed(), r.briefing.item_count());
}
