package com.clusop.listener;

/** A clusop.signals/1 request in, the answer out (both UTF-8 JSON); null when no answer could be made. */
@FunctionalInterface
interface SignalsCore {
  byte[] call(byte[] utf8Request) throws Exception;

  /** The native core through JNI. */
  SignalsCore NATIVE = NativeCore::signals;
}
