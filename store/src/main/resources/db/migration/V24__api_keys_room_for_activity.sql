-- Room on api_keys' pages for the activity flush (decision record 0040). Every two seconds each key used since the
-- last flush gets one UPDATE of its last_authn and authn_count. Neither column is indexed, so PostgreSQL can make
-- that a HOT update (no new entry in any of api_keys' nine indexes) when the row's page has free space; pages
-- filled by inserts or COPY have none. A fillfactor of 80 keeps a fifth of each new page free for those updates.
-- It applies to pages written from now on; `VACUUM FULL api_keys` (or pg_repack) rewrites existing ones.
-- H2 has no storage parameters: there the placeholder is a statement that does nothing (Database.flyway).
${api_keys_storage};
