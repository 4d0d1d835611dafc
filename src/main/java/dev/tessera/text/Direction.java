package dev.tessera.text;

/** Base direction of a paragraph: from its first strong character, or forced. */
public enum Direction { AUTO, LTR, RTL }
