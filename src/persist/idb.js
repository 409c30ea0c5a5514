// IndexedDB for the notification center: the few calls `persist::storage` needs, as promises.
//
// Database "amocrm-notify" (IndexedDB version 2) has four object stores:
//   entries    key: the notification's id, value: its JSON record (`store::record`)
//   meta       key "schema": the record schema the entries were written with; key "saved_at":
//              when they were last written (ms)
//   set-aside  key: an ISO time, value: { reason, schema, entries: [[id, record], ...] }, a history
//              that could not be read, kept rather than deleted
//   changes    key: the change's key (`store::sync::Queued`), value: its JSON: a change to the
//              center that the account's server has not heard yet (version 2)

const NAME = "amocrm-notify";

function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException("the transaction was aborted", "AbortError"));
    tx.onerror = (event) => event.preventDefault();
  });
}

export function open() {
  const request = indexedDB.open(NAME, 2);
  request.onupgradeneeded = () => {
    for (const name of ["entries", "meta", "set-aside", "changes"]) {
      if (!request.result.objectStoreNames.contains(name)) request.result.createObjectStore(name);
    }
  };
  return done(request).then((db) => {
    // Another tab upgrading the database later: let it, this tab keeps working in memory.
    db.onversionchange = () => db.close();
    return db;
  });
}

/** { schema (undefined for a new database), ids, records, saved (ms or undefined), changes }. */
export async function load(db) {
  const tx = db.transaction(["entries", "meta", "changes"], "readonly");
  const entries = tx.objectStore("entries");
  const meta = tx.objectStore("meta");
  const [schema, saved, ids, records, changes] = await Promise.all([
    done(meta.get("schema")), done(meta.get("saved_at")), done(entries.getAllKeys()),
    done(entries.getAll()), done(tx.objectStore("changes").getAll()),
  ]);
  return { schema, saved, ids, records, changes };
}

/** Puts `[key, value]` pairs and deletes keys, of entries and of changes, in one transaction. */
export function write(db, schema, puts, deletes, changePuts, changeDeletes) {
  const tx = db.transaction(["entries", "meta", "changes"], "readwrite");
  const entries = tx.objectStore("entries");
  for (const [id, record] of puts) entries.put(record, id);
  for (const id of deletes) entries.delete(id);
  const changes = tx.objectStore("changes");
  for (const [key, change] of changePuts) changes.put(change, key);
  for (const key of changeDeletes) changes.delete(key);
  const meta = tx.objectStore("meta");
  meta.put(schema, "schema");
  if (puts.length || deletes.length) meta.put(Date.now(), "saved_at");
  return committed(tx);
}

/** Moves every entry to "set-aside" under a new key and starts afresh; resolves to the key. */
export async function setAside(db, schema, reason) {
  const tx = db.transaction(["entries", "meta", "set-aside"], "readwrite");
  const entries = tx.objectStore("entries");
  const [old, ids, records] = await Promise.all([
    done(tx.objectStore("meta").get("schema")), done(entries.getAllKeys()), done(entries.getAll()),
  ]);
  const key = new Date().toISOString();
  tx.objectStore("set-aside").put({ reason, schema: old, entries: ids.map((id, i) => [id, records[i]]) }, key);
  entries.clear();
  tx.objectStore("meta").put(schema, "schema");
  await committed(tx);
  return key;
}
