package com.clusop.listener;

/** A clusop request in, the answer out (both UTF-8 JSON); null when no answer could be made. */
@FunctionalInterface
interface Analyzer {
  byte[] analyze(byte[] utf8Request) throws Exception;

  /** The native core through JNI. */
  Analyzer NATIVE = NativeCore::analyze;
}
