package dev.tessera.processing;

/** An original's bytes with what its header said. */
public record SourceImage(byte[] bytes, ImageHeader header) {}
