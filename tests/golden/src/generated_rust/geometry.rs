//! geometry.wxl: no object types and no root type, so its buffers hold strings and byte
//! strings; the generated module verifies them and writes the header.

use wxl_runtime::Builder;

use super::Cx;
use crate::model::Val;

pub fn build(_cx: Cx, root: &Val) -> Vec<u8> {
    let mut b = Builder::new();
    let root = match root {
        Val::Str(text) => b.string(text).cast::<()>(),
        Val::Bytes(bytes) => b.bytes(bytes).cast(),
        other => panic!("geometry buffers hold strings or bytes, not {other:?}"),
    };
    super::generated::geometry::finish(&mut b, root).to_vec()
}

pub fn read(_cx: Cx, buf: &[u8]) -> Result<Val, wxl_runtime::Error> {
    let root = super::generated::geometry::verify(buf)?.root();
    Ok(match (root.as_str(), root.as_bytes()) {
        (Some(text), _) => Val::Str(text.into()),
        (_, Some(bytes)) => Val::Bytes(bytes.to_vec()),
        _ => panic!("geometry has no object types"),
    })
}
