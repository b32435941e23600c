//! logs.wxl through its generated module.

use wxl_runtime::Builder;

use super::generated::logs::{AddressArgs, ArrayOfLog, Log, LogArgs, LogsArgs};
use super::{fields, int, items, text, Cx};
use crate::model::Val;

pub fn build(cx: Cx, root: &Val) -> Vec<u8> {
    let (_, [list]) = fields(cx, root) else {
        panic!("Logs has one field")
    };
    let mut b = Builder::new();
    let refs: Vec<_> = items(list)
        .iter()
        .map(|log| build_log(cx, &mut b, log))
        .collect();
    let logs = ArrayOfLog::build(&mut b, &refs);
    let root = LogsArgs { logs }.build(&mut b);
    super::generated::logs::finish(&mut b, root).to_vec()
}

fn build_log(cx: Cx, b: &mut Builder, log: &Val) -> wxl_runtime::Ref<Log<'static>> {
    let (_, [Val::Value(address), identity, userid, date, request, code, size]) = fields(cx, log)
    else {
        panic!("Log has seven fields")
    };
    let octet = |i: usize| int(&address[i]) as u8;
    let address = AddressArgs {
        x0: octet(0),
        x1: octet(1),
        x2: octet(2),
        x3: octet(3),
    };
    let identity = b.string(text(identity));
    let userid = b.string(text(userid));
    let date = b.string(text(date));
    let request = b.string(text(request));
    LogArgs {
        address,
        identity,
        userid,
        date,
        request,
        code: int(code) as u16,
        size: int(size) as u64,
    }
    .build(b)
}

pub fn read(cx: Cx, buf: &[u8]) -> Result<Val, wxl_runtime::Error> {
    let root = super::generated::logs::root(buf)?;
    let logs = root.logs();
    let read_log = |log: Log| {
        let a = log.address();
        let address = [a.x0(), a.x1(), a.x2(), a.x3()]
            .iter()
            .map(|&x| Val::Int(x.into()))
            .collect();
        Val::Struct(
            cx.ty("Log"),
            vec![
                Val::Value(address),
                Val::Str(log.identity().into()),
                Val::Str(log.userid().into()),
                Val::Str(log.date().into()),
                Val::Str(log.request().into()),
                Val::Int(log.code().into()),
                Val::Int(log.size().into()),
            ],
        )
    };
    let list = Val::Array(cx.ty("ArrayOfLog"), logs.iter().map(read_log).collect());
    Ok(Val::Struct(cx.ty("Logs"), vec![list]))
}
