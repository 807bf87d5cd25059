package com.strongroom.core.error;

/** The backing services Strongroom names when one of them fails, in problems and in the health report. */
public enum Dependency {
    COSMOS("cosmos"),
    KEYRING("keyring"),
    AUDIT("audit"),
    DIRECTORY("directory"),
    BLOB("blob"),
    QUEUE("queue"),
    STORAGE("storage"),
    KEY_VAULT("keyvault"),
    KEYS("keys"),
    EMAIL("email"),
    SIGNING_KEY("signing-key"),
    IDENTITY_PROVIDER("identity-provider");

    private final String label;

    Dependency(String label) {
        this.label = label;
    }

    /** The name a client sees. */
    public String label() {
        return label;
    }
}
