using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Alpharun.Benchmarks
{
    /// <summary>
    /// The PowerShell client: imports the module, uploads the warm-up files, then times one Send-AlpharunRecording
    /// call over the job's files, written as a user would write it.
    /// </summary>
    internal static class PwshUploadMode
    {
        // Progress is silenced: in a host with no UI the records would be pure overhead that no user ever sees.
        private const string UploadScript = @"
param($Files, $BaseUri, $Key, $Throttle, $RecordedAt)
$ProgressPreference = 'SilentlyContinue'
Send-AlpharunRecording -Path $Files -Teammate ana@acme.com -Contact bob@client.com -BaseUri $BaseUri `
    -ApiKey (ConvertTo-SecureString $Key -AsPlainText -Force) -ThrottleLimit $Throttle -RecordedAt $RecordedAt
";

        public static int Run(string[] args)
        {
            ClientJob job = ClientJob.Parse(args, 1);
            using PwshRunspace runspace = PwshRunspace.Open();
            runspace.Run("Import-Module Alpharun -ErrorAction Stop");

            ClientReport warmup = Upload(runspace, job, job.WarmupFiles, job.WarmupRecordedAt, null);
            if (warmup.Failed > 0)
            {
                Console.Error.WriteLine("Warm-up failed: " + warmup.FirstError);
                return 1;
            }

            ClientReport report = Upload(runspace, job, job.Files, job.RecordedAt, new TimedSection());
            Console.Out.WriteLine(report.ToLine());
            return report.Failed == 0 ? 0 : 1;
        }

        private static ClientReport Upload(PwshRunspace runspace, ClientJob job, IReadOnlyList<string> files, DateTimeOffset recordedAt, TimedSection? timed)
        {
            using PowerShell ps = runspace.CreatePipeline();
            ps.AddScript(UploadScript)
              .AddArgument(files.ToArray())
              .AddArgument(job.BaseUri)
              .AddArgument(job.ApiKey)
              .AddArgument(job.ThrottleLimit)
              .AddArgument(recordedAt);

            var report = new ClientReport { Files = files.Count };
            timed?.Begin();
            List<PSObject> output;
            try
            {
                output = ps.Invoke().ToList();
            }
            catch (RuntimeException e)
            {
                timed?.End(report);
                report.Failed = files.Count;
                report.FirstError = e.ErrorRecord?.ToString() ?? e.Message;
                return report;
            }
            timed?.End(report);

            foreach (PSObject upload in output)
            {
                string? status = upload.Properties["Status"]?.Value?.ToString();
                if (status == "Created") report.Created++;
                else if (status == "AlreadyExisted") report.AlreadyExisted++;
                report.Bytes += Convert.ToInt64(upload.Properties["Length"]?.Value ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
            }
            report.Failed = files.Count - report.Created - report.AlreadyExisted;
            if (ps.Streams.Error.Count > 0) report.FirstError = ps.Streams.Error[0].ToString();
            return report;
        }
    }
}
