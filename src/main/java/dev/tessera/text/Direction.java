package dev.tessera.text;

/** Paragraph direction: AUTO takes it from the text's first strong character (Unicode bidi rules P2/P3). */
public enum Direction { AUTO, LTR, RTL }
