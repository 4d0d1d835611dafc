package dev.tessera.text;

/** Horizontal alignment of each line inside the text box. */
public enum Align { LEFT, CENTER, RIGHT }
