package com.clusop.listener;

import java.util.Arrays;

/** The last {@code capacity} values of a measurement (nanoseconds), for medians and tails. */
final class LongRing {
  private final long[] values;
  private long count;

  LongRing(int capacity) {
    values = new long[capacity];
  }

  synchronized void add(long v) {
    values[(int) (count % values.length)] = v;
    count++;
  }

  synchronized long count() {
    return count;
  }

  synchronized long[] snapshot() {
    int n = (int) Math.min(count, values.length);
    return Arrays.copyOf(values, n);
  }

  synchronized void clear() {
    count = 0;
  }

  /** The q-quantile (0..1, nearest rank) of the retained values; -1 when empty. */
  long quantile(double q) {
    long[] s = snapshot();
    if (s.length == 0) return -1;
    Arrays.sort(s);
    int i = (int) Math.ceil(q * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, i))];
  }
}
