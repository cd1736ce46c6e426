package io.fleche.testgadgets;

import java.io.Serializable;

/**
 * A serializable class whose name is as long as {@link Gadget}'s, so that a test can write one
 * and swap the name in the stream: a JDK-serialized gadget without ever initialising the gadget.
 */
public class Benign implements Serializable {
  private static final long serialVersionUID = 1L;
}
