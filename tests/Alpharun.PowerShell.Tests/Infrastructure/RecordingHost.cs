using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace Alpharun.PowerShell.Tests
{
    /// <summary>
    /// A host that keeps every line written to its screen: what the engine writes only to the host (the "What if:"
    /// lines of -WhatIf) and no stream carries. It cannot prompt.
    /// </summary>
    public sealed class RecordingHost : PSHost
    {
        private readonly RecordingHostUserInterface _ui = new RecordingHostUserInterface();

        /// <summary>Every line written to the host, in order.</summary>
        public IReadOnlyList<string> Lines => _ui.Lines.ToArray();

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        public override Guid InstanceId { get; } = Guid.NewGuid();
        public override string Name => "RecordingHost";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => new Version(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }

        private sealed class RecordingHostUserInterface : PSHostUserInterface
        {
            private string _partial = string.Empty;

            public ConcurrentQueue<string> Lines { get; } = new ConcurrentQueue<string>();

            public override PSHostRawUserInterface? RawUI => null;
            public override void Write(string value) => _partial += value;
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
            public override void WriteLine(string value)
            {
                Lines.Enqueue(_partial + value);
                _partial = string.Empty;
            }
            public override void WriteErrorLine(string value) => WriteLine(value);
            public override void WriteDebugLine(string message) => WriteLine(message);
            public override void WriteVerboseLine(string message) => WriteLine(message);
            public override void WriteWarningLine(string message) => WriteLine(message);
            public override void WriteProgress(long sourceId, ProgressRecord record) { }
            public override string ReadLine() => throw new NotSupportedException("The test host cannot prompt.");
            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The test host cannot prompt.");
            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException("The test host cannot prompt.");
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException("The test host cannot prompt.");
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("The test host cannot prompt.");
            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException("The test host cannot prompt.");
        }
    }
}
