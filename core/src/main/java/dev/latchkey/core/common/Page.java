package dev.latchkey.core.common;

import java.util.List;

/** One page of a listing: the items, the offset they start at, and whether more follow. */
public record Page<T>(List<T> items, int offset, int limit, boolean hasMore) {
}
