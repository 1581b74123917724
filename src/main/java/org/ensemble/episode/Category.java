package org.ensemble.episode;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a contribution is about, as editors file it. Slugs are the manifest's and the show file's vocabulary. */
public enum Category {
    TALKING_LIFE("talking-life", "Talking about life"),
    TALKING_PROCESS("talking-process", "On the creative process"),
    FILMED_LIFE("filmed-life", "Filmed life"),
    FILMED_PROCESS("filmed-process", "Making of"),
    PHOTOGRAPHY("photography", "Photography"),
    WRITING("writing", "Writing"),
    MUSIC("music", "Music"),
    ANIMATION("animation", "Animated short"),
    LITTLE_THING("little-thing", "The little thing I appreciate now");

    private final String slug;
    private final String label;

    Category(String slug, String label) {
        this.slug = slug;
        this.label = label;
    }

    public String slug() {
        return slug;
    }

    public String label() {
        return label;
    }

    public static Category fromSlug(String slug) {
        for (Category c : values()) {
            if (c.slug.equals(slug)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + slug + "' (known: "
                + Arrays.stream(values()).map(Category::slug).collect(Collectors.joining(", ")) + ")");
    }
}
