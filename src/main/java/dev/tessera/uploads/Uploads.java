package dev.tessera.uploads;

import dev.tessera.rendition.EagerRenders;
import dev.tessera.rendition.RenditionService;
import dev.tessera.rendition.StoredOriginal;
import dev.tessera.security.TenantQuotas;
import dev.tessera.source.Disowned;
import dev.tessera.source.ImageNotFoundException;
import dev.tessera.source.Originals;
import dev.tessera.source.QuotaCharge;
import dev.tessera.source.Upload;
import dev.tessera.source.UploadTooLargeException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The write use cases of a tenant's images: uploads admitted by size and quota (storage charged when the image
 * is new to the tenant, its eager presets queued), deletes and rendition purges by an owner only.
 */
public final class Uploads {
    private final Originals originals;
    private final TenantQuotas quotas;
    private final RenditionService renditions;
    private final EagerRenders eager;
    private final long maxUploadBytes;

    /** An upload let in: whose it is and how its storage is charged. */
    public record Admission(String tenant, QuotaCharge storage) {}

    public Uploads(Originals originals, TenantQuotas quotas, RenditionService renditions, EagerRenders eager,
                   long maxUploadBytes) {
        this.originals = originals;
        this.quotas = quotas;
        this.renditions = renditions;
        this.eager = eager;
        this.maxUploadBytes = maxUploadBytes;
    }

    /**
     * Lets an upload of the tenant in, before its body is read: refused past the size limit by the length the
     * client announced (-1: none), or past the tenant's upload rate.
     */
    public Admission admit(String tenant, long declaredBytes) {
        if (declaredBytes > maxUploadBytes) throw new UploadTooLargeException(maxUploadBytes);
        quotas.chargeUpload(tenant);
        return new Admission(tenant, new QuotaCharge(b -> quotas.reserveStorage(tenant, b),
                b -> quotas.stored(tenant, -b)));
    }

    /** Stores an admitted upload's body (the caller closes it) and queues a new image's eager presets. */
    public Upload store(Admission admission, InputStream body) throws IOException {
        Upload upload = originals.ingest(body, admission.tenant(), admission.storage());
        if (upload.created()) eager.enqueue(new StoredOriginal(upload.info(), originals));
        return upload;
    }

    /** Removes the tenant's claim (and, with the last owner, the image and its renditions). */
    public void delete(String id, String tenant) throws IOException {
        Disowned disowned = originals.disown(id, tenant).orElseThrow(() -> new ImageNotFoundException(id));
        quotas.stored(tenant, -disowned.bytes());
        if (disowned.lastOwner()) renditions.purge(id);
    }

    /** Drops the cached renditions of an image the tenant owns. */
    public void purgeRenditions(String id, String tenant) throws IOException {
        if (!originals.owns(id, tenant)) throw new ImageNotFoundException(id);
        renditions.purge(id);
    }
}
