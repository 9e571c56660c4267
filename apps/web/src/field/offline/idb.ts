// A small promise wrapper over IndexedDB: one database, two stores — `outbox` (what waits to be sent,
// keyed by its client id) and `cache` (documents read while online, keyed by user and path). IndexedDB
// rather than localStorage because the outbox holds photos as Blobs and the cache a whole grid.

const DB_NAME = 'civgrid-field';
const DB_VERSION = 1;

export type StoreName = 'outbox' | 'cache';

let opening: Promise<IDBDatabase> | null = null;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The database, opened (and created or upgraded) once per page. */
export function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('cache')) db.createObjectStore('cache', { keyPath: 'key' });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the schema: let it, and open again on the next use.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

/** Runs `work` in one transaction on `store` and resolves when the transaction has committed. */
async function inTransaction<T>(
  store: StoreName,
  mode: IDBTransactionMode,
  work: (objects: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T> {
  const db = await openDb();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = work(tx.objectStore(store));
    let result: T;
    if (request) request.onsuccess = () => (result = request.result);
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export const idb = {
  get: <T>(store: StoreName, key: IDBValidKey) =>
    inTransaction<T | undefined>(store, 'readonly', (s) => s.get(key)),
  getAll: async <T>(store: StoreName): Promise<T[]> => {
    const db = await openDb();
    return promised(db.transaction(store, 'readonly').objectStore(store).getAll()) as Promise<T[]>;
  },
  put: (store: StoreName, value: unknown) =>
    inTransaction<IDBValidKey>(store, 'readwrite', (s) => s.put(value)).then(() => undefined),
  delete: (store: StoreName, key: IDBValidKey) =>
    inTransaction<undefined>(store, 'readwrite', (s) => s.delete(key)).then(() => undefined),
  /** Deletes every key in one transaction. */
  deleteMany: (store: StoreName, keys: readonly IDBValidKey[]) =>
    inTransaction<undefined>(store, 'readwrite', (s) => {
      for (const key of keys) s.delete(key);
      return undefined;
    }).then(() => undefined),
};
