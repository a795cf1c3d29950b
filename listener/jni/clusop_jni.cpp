// The JNI shim: com.clusop.listener.NativeCore.analyze(byte[] utf8Request) -> byte[] utf8Answer
// (clusop_analyze) and NativeCore.signals(byte[]) -> byte[] (clusop_signals: the signal merge).
// Bytes, not jstring, so plans cross the boundary as real UTF-8 (JNI's "modified UTF-8" is not).
// Everything is caught here: a C++ exception must never unwind into the JVM.
#include <jni.h>

#include <string>

#include "clusop/clusop.h"
#include "clusop/clusop.hpp"

namespace {

jbyteArray ToBytes(JNIEnv* env, const std::string& s) {
  jbyteArray out = env->NewByteArray(static_cast<jsize>(s.size()));
  if (out == nullptr) return nullptr;  // OutOfMemoryError is pending in the JVM
  env->SetByteArrayRegion(out, 0, static_cast<jsize>(s.size()), reinterpret_cast<const jbyte*>(s.data()));
  return out;
}

std::string FromBytes(JNIEnv* env, jbyteArray bytes) {
  if (bytes == nullptr) return {};
  const jsize length = env->GetArrayLength(bytes);
  std::string text(static_cast<size_t>(length), '\0');
  env->GetByteArrayRegion(bytes, 0, length, reinterpret_cast<jbyte*>(text.data()));
  return text;
}

}  // namespace

extern "C" {

JNIEXPORT jbyteArray JNICALL Java_com_clusop_listener_NativeCore_analyze(JNIEnv* env, jclass, jbyteArray request) {
  try {
    if (request == nullptr) return ToBytes(env, clusop::AnalyzeRequest(""));
    const jsize length = env->GetArrayLength(request);
    std::string text(static_cast<size_t>(length), '\0');
    env->GetByteArrayRegion(request, 0, length, reinterpret_cast<jbyte*>(text.data()));
    return ToBytes(env, clusop::AnalyzeRequest(text));
  } catch (...) {
    return nullptr;  // the Java side treats null as "analysis unavailable"
  }
}

JNIEXPORT jbyteArray JNICALL Java_com_clusop_listener_NativeCore_signals(JNIEnv* env, jclass, jbyteArray request) {
  try {
    const std::string text = FromBytes(env, request);
    char* answer = clusop_signals(text.data(), text.size());
    if (answer == nullptr) return nullptr;
    const std::string out(answer);
    clusop_free(answer);
    return ToBytes(env, out);
  } catch (...) {
    return nullptr;  // the Java side treats null as "no answer"
  }
}

JNIEXPORT jstring JNICALL Java_com_clusop_listener_NativeCore_version(JNIEnv* env, jclass) {
  try {
    return env->NewStringUTF(clusop_version());
  } catch (...) {
    return nullptr;
  }
}

}  // extern "C"
