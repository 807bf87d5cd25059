package com.strongroom.testing;

import com.strongroom.core.port.TenantDirectory;

class InMemoryTenantDirectoryTest extends TenantDirectoryContract {
    private final InMemoryTenantDirectory directory = new InMemoryTenantDirectory();

    @Override
    protected TenantDirectory directory() {
        return directory;
    }
}
