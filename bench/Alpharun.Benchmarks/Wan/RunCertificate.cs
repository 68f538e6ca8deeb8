using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The WAN proxy's TLS certificate, made for this run only: self-signed, ECDSA P-256, valid for 127.0.0.1 and
    /// localhost for one day. Its PEM is written to a temporary bundle file; client processes started with
    /// SSL_CERT_FILE pointing at it trust it (.NET on Linux builds its root store from OpenSSL's SSL_CERT_FILE and
    /// SSL_CERT_DIR), and nothing else does: no store on the machine is changed. Dispose deletes the file.
    /// </summary>
    internal sealed class RunCertificate : IDisposable
    {
        /// <summary>The variable a client process is started with so that it trusts this certificate.</summary>
        public const string TrustVariable = "SSL_CERT_FILE";

        private readonly DirectoryInfo _folder;

        private RunCertificate(X509Certificate2 certificate, DirectoryInfo folder, string bundlePath)
        {
            Certificate = certificate;
            _folder = folder;
            BundlePath = bundlePath;
        }

        public X509Certificate2 Certificate { get; }

        /// <summary>The PEM bundle holding the certificate: the value of <see cref="TrustVariable"/> for the clients.</summary>
        public string BundlePath { get; }

        public static RunCertificate Create()
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=Alpharun benchmark WAN proxy (this run only)", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            DateTimeOffset now = DateTimeOffset.UtcNow;
            X509Certificate2 certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

            DirectoryInfo folder = Directory.CreateTempSubdirectory("alpharun-wan-");
            string bundle = Path.Combine(folder.FullName, "run-trust.pem");
            File.WriteAllText(bundle, certificate.ExportCertificatePem() + "\n");
            return new RunCertificate(certificate, folder, bundle);
        }

        /// <summary>True when <paramref name="presented"/> is this run's certificate (the harness's own probe pins it).</summary>
        public bool IsThis(X509Certificate? presented) =>
            presented != null && presented.GetCertHashString(HashAlgorithmName.SHA256) == Certificate.GetCertHashString(HashAlgorithmName.SHA256);

        public void Dispose()
        {
            try
            {
                _folder.Delete(recursive: true);
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"Could not delete {_folder.FullName}: {e.Message}");
            }
            Certificate.Dispose();
        }
    }
}
