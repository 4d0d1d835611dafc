package dev.tessera.source;

import java.util.function.LongConsumer;

/** A tenant's storage quota as an upload sees it: bytes reserved before a new claim, released if storing fails. */
public record QuotaCharge(LongConsumer reserve, LongConsumer release) {}
