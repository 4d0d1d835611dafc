package dev.tessera.templates;

/**
 * A validated template: its name, owning tenant (who may update it, whose render share its renders take), its
 * version (SHA-256 of the canonical JSON) and that JSON; declared ones come from the configuration, read-only.
 */
public final class StoredTemplate {
    /** The owner of templates declared in the configuration. */
    public static final String CONFIG_OWNER = "default";

    private final String name;
    private final String owner;
    private final Template template;
    private final byte[] json;
    private final String hash;
    private final boolean declared;

    StoredTemplate(String name, String owner, Template template, boolean declared) {
        this.name = name;
        this.owner = owner;
        this.template = template;
        this.json = TemplateJson.canonical(template);
        this.hash = TemplateJson.hash(json);
        this.declared = declared;
    }

    public String name() { return name; }

    public String owner() { return owner; }

    /** The version: 64 hex characters. */
    public String hash() { return hash; }

    /** The canonical definition (a copy). */
    public byte[] json() { return json.clone(); }

    public boolean declared() { return declared; }

    Template template() { return template; }
}
