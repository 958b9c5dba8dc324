//! The object key side of a URL: decoded path segments.

use url::Url;

/// The decoded path segments of a URL.
pub(crate) struct Path {
    segments: Vec<String>,
}

impl Path {
    pub(crate) fn of(url: &Url) -> Self {
        // Plain percent-decoding: form decoding would turn '+' into ' ' in keys.
        let segments = url
            .path()
            .split('/')
            .map(percent_decode)
            .skip_while(|s| s.is_empty())
            .collect();
        Path { segments }
    }

    pub(crate) fn first(&self) -> Option<String> {
        self.segments.first().filter(|s| !s.is_empty()).cloned()
    }

    pub(crate) fn after_first(&self) -> Option<String> {
        let rest = self.segments.get(1..)?.join("/");
        (!rest.is_empty()).then_some(rest)
    }

    pub(crate) fn whole(&self) -> Option<String> {
        let all = self.segments.join("/");
        (!all.is_empty()).then_some(all)
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(byte) = u8::from_str_radix(hex, 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
