//! Review meetings in their own tree (opened on first use), each write with its chained
//! audit entry in one transaction, then flushed. New meetings get their id inside the
//! transaction; a stale write is refused naming who wrote the record last.

use sled::Transactional;

use super::audit::{append_in, AuditEntry};
use super::envelope::{decode, Record};
use super::{keys, Store, StoreError};
use crate::domain::meeting::{Meeting, MeetingId};

impl Record for Meeting {
    const KIND: &'static str = "meeting";
    const VERSION: u16 = 1;
}

/// The next meeting id (its own sequence, kept in `meta`).
pub(super) const NEXT_MEETING: &[u8] = b"next/meeting";

pub fn meeting_target(id: MeetingId) -> String {
    format!("meeting:{}", id.0)
}

use super::tx::{abort, next_seq, replace};

impl Store {
    fn meetings_tree(&self) -> Result<sled::Tree, StoreError> {
        self.named("meetings")
    }

    pub fn meeting(&self, id: MeetingId) -> Result<Option<Meeting>, StoreError> {
        self.meetings_tree()?
            .get(keys::id(id.0))?
            .map(|v| decode(&v))
            .transpose()
    }

    /// Every meeting, newest first.
    pub fn meetings(&self) -> Result<Vec<Meeting>, StoreError> {
        let mut out = Vec::new();
        for v in self.meetings_tree()?.iter().values().rev() {
            out.push(decode(&v?)?);
        }
        Ok(out)
    }

    /// Write a meeting read at `meeting.rev` (0 and id 0 = new: an id is assigned), with
    /// `audit` (its target is set to the meeting), in one transaction; then flush.
    pub fn save_meeting(&self, meeting: Meeting, audit: AuditEntry) -> Result<Meeting, StoreError> {
        let tree = self.meetings_tree()?;
        let trees = [&tree, &self.meta, &self.audit, &self.idx_audit_target];
        let _gate = self.write_gate()?;
        let saved = trees[..]
            .transaction(|t| {
                let [mt, meta, log, idx] = &t[..] else {
                    return Err(abort(StoreError::Corrupt("tree set".into())));
                };
                let mut new = meeting.clone();
                if new.id.0 == 0 {
                    if new.rev != 0 {
                        return Err(abort(StoreError::NotFound("meeting".into())));
                    }
                    new.id = MeetingId(next_seq(meta, NEXT_MEETING)?);
                }
                let (_, new) = replace(
                    mt,
                    &keys::id(new.id.0),
                    &new,
                    &meeting_target(new.id),
                    |m| Ok(m.written_by.clone()),
                )?;
                let mut entry = audit.clone();
                entry.target = meeting_target(new.id);
                append_in(meta, log, idx, &entry)?;
                Ok(new)
            })
            .map_err(super::tx::from_tx)?;
        self.flush()?;
        Ok(saved)
    }
}

impl Store {
    /// A review decision taken in a meeting: the case's change (record, indexes, counters,
    /// its audit entry) and the meeting's record with its own audit entry, in ONE
    /// transaction, so a decided case is never missing from the minute. The meeting must
    /// exist and is read at `meeting.rev`.
    pub fn save_meeting_decision(
        &self,
        change: super::Change,
        meeting: Meeting,
        audit: AuditEntry,
    ) -> Result<(super::write::Saved, Meeting), StoreError> {
        let tree = self.meetings_tree()?;
        let mut new = meeting.clone();
        new.rev += 1;
        let saved = self.save_with(change, &[&tree], |t, log, _| {
            let [mt] = t else {
                return Err(abort(StoreError::Corrupt("meeting tree set".into())));
            };
            // The meeting must exist: it was opened before its first decision.
            if meeting.rev == 0 {
                return Err(abort(StoreError::NotFound(meeting_target(meeting.id))));
            }
            replace(
                mt,
                &keys::id(meeting.id.0),
                &meeting,
                &meeting_target(meeting.id),
                |m| Ok(m.written_by.clone()),
            )?;
            let mut entry = audit.clone();
            entry.target = meeting_target(new.id);
            log.append(&entry)?;
            Ok(())
        })?;
        Ok((saved, new))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::meeting::MeetingStatus;
    use crate::domain::town::Town;
    use chrono::NaiveDate;

    #[test]
    fn meetings_get_ids_refuse_stale_writes_and_are_audited() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let at = day.and_hms_opt(9, 0, 0).unwrap();
        let m = Meeting::new(Town::Chenlu, day, vec!["王芳".into()], "rev1");
        let entry = AuditEntry::new(at, "rev1", "meeting.start", String::new());
        let first = store.save_meeting(m.clone(), entry.clone()).unwrap();
        let second = store.save_meeting(m, entry.clone()).unwrap();
        assert_eq!((first.id, second.id), (MeetingId(1), MeetingId(2)));
        assert_eq!(first.rev, 1);
        let mut closed = first.clone();
        closed.status = MeetingStatus::Closed;
        let closed = store.save_meeting(closed, entry.clone()).unwrap();
        assert_eq!(closed.rev, 2);
        // A write from the revision read before the close is refused.
        let err = store.save_meeting(first, entry).unwrap_err();
        assert!(matches!(err, StoreError::Stale { ref by, .. } if by == "rev1"));
        assert_eq!(store.meeting(MeetingId(1)).unwrap().unwrap(), closed);
        assert_eq!(store.meetings().unwrap().len(), 2);
        assert_eq!(store.audit_of("meeting:1").unwrap().len(), 2);
        assert!(store.check_audit_chain().unwrap().problems.is_empty());
    }
}
