/**
 * Benchmarks: {@link dev.latchkey.bench.SignRate} measures how fast the server's own token signer can sign with
 * nothing else around it, and {@link dev.latchkey.bench.BareJsonServer} serves a fixed JSON body on the same HTTP
 * stack as the server; together they are the ceilings that {@code bench/run.sh} compares the real endpoints with.
 * {@link dev.latchkey.bench.ScaleLoad} fills a PostgreSQL schema with a million keys for {@code bench/scale.sh}.
 */
package dev.latchkey.bench;
