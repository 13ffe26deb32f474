// Uploads a photo to the archive.
const { BlobServiceClient } = require("@azure/storage-blob");

const connectionString = "DefaultEndpointsProtocol=https;AccountName=contosophotos;AccountKey=of6GdP5CtnTjEHb1hj2VNF+ZaPv91uQsGCpFNhCLGThaBB09z2HF3FZZFk9UVcIMMTz+gWQ+MItHUbih0OKqYA==;EndpointSuffix=core.windows.net";

async function upload(name, data) {
  const client = BlobServiceClient.fromConnectionString(connectionString);
  await client.getContainerClient("photos").uploadBlockBlob(name, data, data.length);
}

module.exports = { upload };
