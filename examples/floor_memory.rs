//! Peak memory of the floor (bare `toml::from_str` into the raw types) for a
//! file, to compare with `brief check` on the same file under `/usr/bin/time -v`.

fn main() {
    let path = std::env::args().nth(1).expect("usage: floor_memory FILE");
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let file: brief::model::raw::RawFile = toml::from_str(&text).expect("valid TOML");
    println!("{} sections", file.section.len());
}
