package io.fleche.agent;

import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The code inlined into every {@code @Fleche} method. Enter: look the call up; on a hit skip the
 * body. Exit: on a hit return the cached value, on a miss record the result. Both halves suppress
 * their own throwables, so a fault in Fleche leaves the method running as if uncached.
 */
final class MemoAdvice {
  private MemoAdvice() {}

  @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
  static Object enter(
      @ProfileId int id,
      @Advice.Origin Class<?> type,
      @Advice.This(optional = true) Object self,
      @Advice.AllArguments Object[] arguments,
      @Advice.Local("flecheMiss") Object miss) {
    Object outcome = Dispatcher.enter(id, type, self, arguments);
    if (outcome instanceof Dispatcher.Hit) {
      return outcome;
    }
    miss = outcome;
    return null;
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object hit,
      @Advice.Local("flecheMiss") Object miss,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    if (hit != null) {
      returned = ((Dispatcher.Hit) hit).value;
    } else if (miss != null) {
      returned = Dispatcher.exit(miss, returned, thrown);
    }
  }
}
