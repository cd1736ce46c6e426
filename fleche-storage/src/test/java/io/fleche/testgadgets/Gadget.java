package io.fleche.testgadgets;

import java.io.Serializable;

/**
 * Stands for a deserialization gadget on the class path: initialising it is the harm. Tests name
 * it in crafted entries and check that it was never initialised ({@link #INITIALISED_PROPERTY}).
 */
public class Gadget implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Set by this class's initialiser. */
  public static final String INITIALISED_PROPERTY = "io.fleche.testgadgets.Gadget.initialised";

  static {
    System.setProperty("io.fleche.testgadgets.Gadget.initialised", "true");
  }
}
