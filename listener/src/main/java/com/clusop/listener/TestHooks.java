package com.clusop.listener;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Package-private seams for the tests (never set in production; all null by default).
 * Read once per plan by the dispatcher thread.
 */
final class TestHooks {

  /** Replaces the plan text before the request is built (hostile-input tests). */
  static volatile UnaryOperator<String> planRewrite;

  /** Replaces the native core (fault tests: throw, return null, return garbage, be slow). */
  static volatile Analyzer analyzer;

  /** Sees every analysed plan: the exact plan text, request and answer bytes. */
  static volatile Consumer<Dispatcher.Analysed> onAnalysed;

  private TestHooks() {}

  static void reset() {
    planRewrite = null;
    analyzer = null;
    onAnalysed = null;
  }
}
