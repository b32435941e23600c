//! The `$`-keys of an object (`$type`, `$id`, `$ref`, `$value`, `$i31`) split from its fields.

use crate::json::{Member, Value};

/// An object's wxl keys; `None` for those not written.
#[derive(Default)]
pub(super) struct Meta<'v> {
    pub ty: Option<&'v Value>,
    pub id: Option<&'v Value>,
    pub reference: Option<&'v Value>,
    pub value: Option<&'v Value>,
    pub i31: Option<&'v Value>,
    /// The first `$`-key, for "not allowed here" messages.
    pub first: Option<&'v Member>,
}

pub(super) const KEYS: &str = "$type, $id, $ref, $value, $i31";

/// What is wrong with a member: the member (for its position) and the message.
pub(super) type Problem<'v> = (&'v Member, String);

/// Splits `members` into the wxl keys and the fields (document order kept).
pub(super) fn split(members: &[Member]) -> Result<(Meta<'_>, Vec<&Member>), Problem<'_>> {
    let mut meta = Meta::default();
    let mut fields = Vec::new();
    for member in members {
        let slot = match member.key.as_str() {
            "$type" => &mut meta.ty,
            "$id" => &mut meta.id,
            "$ref" => &mut meta.reference,
            "$value" => &mut meta.value,
            "$i31" => &mut meta.i31,
            key if key.starts_with('$') => {
                return Err((member, format!("unknown key {key:?} (the keys starting with '$' are {KEYS})")))
            }
            _ => {
                fields.push(member);
                continue;
            }
        };
        if slot.is_some() {
            return Err((member, format!("duplicate key {:?}", member.key)));
        }
        *slot = Some(&member.value);
        meta.first.get_or_insert(member);
    }
    Ok((meta, fields))
}
