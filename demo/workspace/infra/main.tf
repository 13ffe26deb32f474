resource "azurerm_app_service" "web" {
  name = "contoso-photos"
  app_settings = {
    STORAGE_KEY = "iUIdohfGWQ/hTDNoPMcIqwxnGYH9wn4B/p9wClg1KRJ/OZ1XA8TiHvt830jxgCEFDEhlBQOIeFbEy9kCQrg+Hg=="
  }
}
