resource "azurerm_app_service" "web" {
  name = "contoso-photos"
  app_settings = {
    STORAGE_KEY = "0MZNyBZx0QHIK1kZc8s7qRUwWBsvvhIMVCkUUg6hecze+I/iDGYTZVA+LBxsKR76MEIvYStUaXvzKBeO1sDRKw=="
  }
}
