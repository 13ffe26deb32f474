// Uploads a photo to the archive.
const { BlobServiceClient } = require("@azure/storage-blob");

const connectionString = "DefaultEndpointsProtocol=https;AccountName=contosophotos;AccountKey=Nn/CPZWjf+6Ht9/qsRIwUtOeHMpFFFZZ98hhhm1z8RSHNUyI9zUjeMjOJfElZn3/IVuHUBBWQgq0d9DzfZcDpg==;EndpointSuffix=core.windows.net";

async function upload(name, data) {
  const client = BlobServiceClient.fromConnectionString(connectionString);
  await client.getContainerClient("photos").uploadBlockBlob(name, data, data.length);
}

module.exports = { upload };
