/**
 * The java agent that memoizes {@code @Fleche} methods, and its runtime. {@link
 * io.fleche.agent.FlecheAgent} installs the transformation; {@link io.fleche.agent.Dispatcher} is
 * what the inlined advice calls. Applications do not use this package directly: they add {@code
 * -javaagent:fleche.jar}, or call {@link io.fleche.agent.FlecheAgent#install()} in tests and tools.
 */
package io.fleche.agent;
