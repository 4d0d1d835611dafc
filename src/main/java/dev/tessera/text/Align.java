package dev.tessera.text;

/** Horizontal alignment of each line within the box width; physical, also for right-to-left text. */
public enum Align { LEFT, CENTER, RIGHT }
