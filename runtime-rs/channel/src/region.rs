//! The two memfds: created and sealed by the producer, checked and mapped by the consumer.
//!
//! - control: the control block (both sides map it writable; both only use atomics on it).
//!   Sealed `SHRINK | GROW | SEAL`: its size never changes.
//! - data: the messages. Sealed `SHRINK | GROW | FUTURE_WRITE | SEAL` after the producer has
//!   mapped it writable: nobody else can ever get a writable mapping or `write(2)` it, so the
//!   producer can lend its ranges to builders as plain memory.

use rustix::fd::{AsFd, OwnedFd};
use rustix::fs::{fcntl_add_seals, fcntl_get_seals, fstat, ftruncate, memfd_create, FileType, MemfdFlags, SealFlags};

use crate::ctl::{self, Layout};
use crate::sys::Mapping;
use crate::Error;

const PAGE: usize = 4096;

fn round_up(n: usize, to: usize) -> usize {
    n.div_ceil(to) * to
}

/// The producer's side: both memfds, mapped writable.
pub struct Owned {
    pub ctl_fd: OwnedFd,
    pub data_fd: OwnedFd,
    pub ctl: Mapping,
    pub data: Mapping,
    pub layout: Layout,
}

/// Create, fill, map and seal the region for `slots` descriptors and `data_size` bytes.
pub fn create(slots: u32, data_size: u64) -> Result<Owned, Error> {
    let (block, layout) = ctl::build(slots, data_size)?;
    let flags = MemfdFlags::CLOEXEC | MemfdFlags::ALLOW_SEALING;
    let ctl_fd = memfd_create("wxl-channel-control", flags)?;
    let ctl_size = round_up(block.len(), PAGE);
    ftruncate(&ctl_fd, ctl_size as u64)?;
    fcntl_add_seals(&ctl_fd, SealFlags::SHRINK | SealFlags::GROW | SealFlags::SEAL)?;
    let ctl = Mapping::new(ctl_fd.as_fd(), ctl_size, true)?;
    ctl.store_bytes(0, &block);

    let data_fd = memfd_create("wxl-channel-data", flags)?;
    ftruncate(&data_fd, data_size)?;
    let data = Mapping::new(data_fd.as_fd(), data_size as usize, true)?;
    fcntl_add_seals(&data_fd, SealFlags::SHRINK | SealFlags::GROW | SealFlags::FUTURE_WRITE | SealFlags::SEAL)?;
    Ok(Owned { ctl_fd, data_fd, ctl, data, layout })
}

/// The consumer's side: the control block mapped writable, the data read-only.
pub struct Attached {
    pub data_fd: OwnedFd,
    pub ctl: Mapping,
    pub data: Mapping,
    pub layout: Layout,
}

/// Size of a memfd that cannot shrink any more; anything else is refused (a file the peer
/// could truncate would turn reads into SIGBUS).
pub(crate) fn sealed_size(fd: &OwnedFd, needed: SealFlags) -> Result<u64, Error> {
    let stat = fstat(fd)?;
    if FileType::from_raw_mode(stat.st_mode) != FileType::RegularFile {
        return Err(Error::Protocol("region is not a memfd"));
    }
    let seals = fcntl_get_seals(fd).map_err(|_| Error::Protocol("region is not a sealable memfd"))?;
    if !seals.contains(needed) {
        return Err(Error::Protocol("region is not sealed"));
    }
    u64::try_from(stat.st_size).map_err(|_| Error::Protocol("negative file size"))
}

/// Check and map the memfds a producer sent; verify a private copy of the control block.
pub fn attach(ctl_fd: OwnedFd, data_fd: OwnedFd, ctl_len: u32) -> Result<Attached, Error> {
    let ctl_size = sealed_size(&ctl_fd, SealFlags::SHRINK)?;
    let ctl_len = ctl_len as usize;
    if ctl_len < 16 || ctl_size > (1 << 32) || round_up(ctl_len, 16) as u64 > ctl_size {
        return Err(Error::Protocol("control buffer length does not fit the control memfd"));
    }
    let ctl = Mapping::new(ctl_fd.as_fd(), ctl_size as usize, true)?;
    let mut copy = Vec::new();
    ctl.copy_out(0, ctl_len, &mut copy);
    let bytes: Vec<u8> = copy.iter().flat_map(|w| w.to_le_bytes()).take(ctl_len).collect();
    let layout = ctl::check(&bytes)?;

    // The data region must be sealed against shrinking and writable by nobody but the producer.
    let data_size = sealed_size(&data_fd, SealFlags::SHRINK | SealFlags::FUTURE_WRITE)?;
    if data_size < layout.data_size {
        return Err(Error::Protocol("data memfd smaller than the control block says"));
    }
    let data = Mapping::new(data_fd.as_fd(), layout.data_size as usize, false)?;
    Ok(Attached { data_fd, ctl, data, layout })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::Ordering;

    #[test]
    fn create_then_attach_shares_memory() {
        let owned = create(16, 1 << 16).unwrap();
        let ctl_len = owned.layout.len as u32;
        let ctl_fd = owned.ctl_fd.try_clone().unwrap();
        let data_fd = owned.data_fd.try_clone().unwrap();
        let attached = attach(ctl_fd, data_fd, ctl_len).unwrap();
        assert_eq!(attached.layout, owned.layout);
        owned.ctl.u64_at(owned.layout.head).store(7, Ordering::Release);
        assert_eq!(attached.ctl.load_u64(attached.layout.head), 7);
        owned.data.store_bytes(4096, b"hello, consumer!");
        assert_eq!(attached.data.load_u64(4096).to_le_bytes(), *b"hello, c");
    }

    #[test]
    fn sealed_data_cannot_be_mapped_writable_or_shrunk() {
        let owned = create(4, 8192).unwrap();
        let data_fd = owned.data_fd.try_clone().unwrap();
        assert!(Mapping::new(data_fd.as_fd(), 8192, true).is_err(), "F_SEAL_FUTURE_WRITE");
        assert!(ftruncate(&data_fd, 0).is_err());
        assert!(ftruncate(&owned.ctl_fd, 0).is_err());
    }

    #[test]
    fn unsealed_or_short_regions_are_refused() {
        let owned = create(4, 8192).unwrap();
        let plain = memfd_create("plain", MemfdFlags::CLOEXEC | MemfdFlags::ALLOW_SEALING).unwrap();
        ftruncate(&plain, 8192).unwrap();
        let ctl_len = owned.layout.len as u32;
        let refused = attach(owned.ctl_fd.try_clone().unwrap(), plain, ctl_len);
        assert!(matches!(refused, Err(Error::Protocol("region is not sealed"))));
        let refused = attach(owned.ctl_fd.try_clone().unwrap(), owned.data_fd.try_clone().unwrap(), 1 << 20);
        assert!(matches!(refused, Err(Error::Protocol(_))));
        let refused = attach(owned.ctl_fd.try_clone().unwrap(), owned.data_fd.try_clone().unwrap(), ctl_len - 4);
        assert!(matches!(refused, Err(Error::Control(_))));
    }
}
