// Fabricated account SAS (random signature bytes) for the SAS Guard end-to-end tests.
const blobUrl = "https://contosodata.blob.core.windows.net/?sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2051-10-06T00:00:00Z&st=2026-01-01T00:00:00Z&spr=https&sig=CpwCqGgnMNh31PAwsxYXK%2BnJxQ%2FeUEbno1QikJ8x8rM%3D";

module.exports = { blobUrl };
