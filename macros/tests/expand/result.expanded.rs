/// Reads a number.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    #[cfg_attr(clippy, allow(clippy::future_not_send, clippy::unused_async))]
    pub(self) async fn main() -> Result<(), Box<dyn std::error::Error>> {
        let n: u32 = "42".parse()?;
        println!("{n}");
        Ok(())
    }
    return (::lazy_main::__private::block_on)(main());
}
