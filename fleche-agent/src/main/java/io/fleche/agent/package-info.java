/**
 * The java agent that rewrites {@code @Fleche} methods, and the runnable {@code fleche.jar}. Not
 * built yet: this module holds the place in the layout for the next milestone.
 */
package io.fleche.agent;
