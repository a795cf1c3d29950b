package com.clusop.listener;

/**
 * The native core behind {@code listener/jni/clusop_jni.cpp}. Call only after
 * {@link NativeLoader#load()} returned a loaded status.
 */
final class NativeCore {

  private NativeCore() {}

  /** A clusop request (UTF-8 JSON) in, the clusop.analysis/1 answer (UTF-8 JSON) out; null on an internal failure. */
  static native byte[] analyze(byte[] utf8Request);

  /** A clusop.signals/1 request (UTF-8 JSON) in, its answer out; null on an internal failure. */
  static native byte[] signals(byte[] utf8Request);

  /** The core's version, e.g. "0.1.0". */
  static native String version();
}
