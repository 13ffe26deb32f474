# Fabricated account SAS (random signature bytes) for the SAS Guard end-to-end tests.
BACKUP_URL = "https://contosobackup.blob.core.windows.net/?sv=2022-11-02&ss=b&srt=co&sp=rwdl&se=2051-10-06T00:00:00Z&st=2026-01-01T00:00:00Z&spr=https&sig=sBHfJNteowpg8Zy%2BmhrWRp4BHWEBRkH6OUFMHUU5L0A%3D"


def backup_url():
    return BACKUP_URL
