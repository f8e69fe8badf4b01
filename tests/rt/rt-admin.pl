#!/usr/bin/perl
# Admin steps for the private test RT that REST2 (RT 5.0.3) cannot do:
# auth tokens, ACL grants, applying custom fields to queues, scrips.
#
# Runs against whatever RT_SITE_CONFIG / RT_SITE_CONFIG_DIR point at (rt-up.sh
# exports them), i.e. the instance's private SQLite DB; the running rt-server
# picks the changes up because it drops its ACL cache after every request.
#
#   rt-admin.pl bootstrap DIR   disable notification scrips, root token -> DIR/token
#   rt-admin.pl finish DIR      rights, CF->queue application, tokens for
#                               viewer (DIR/viewer-token) and the seed actors
#                               (DIR/tokens/<name>, used by rt-seed.pl)
#
# Tokens are written to files with mode 0600 and never printed.
use strict;
use warnings;
use lib '/usr/share/request-tracker5/lib', '/usr/local/share/request-tracker5/lib';
use RT;

my ($cmd, $dir) = @ARGV;
die "usage: $0 bootstrap|finish DIR\n" unless $cmd && $dir && -d $dir;

# RT quietly falls back to its defaults (the shared Debian DB) when
# RT_SITE_CONFIG names a missing file; refuse to touch anything but $dir.
my $conf = $ENV{RT_SITE_CONFIG} // '';
die "rt-admin: RT_SITE_CONFIG must name $dir/etc/RT_SiteConfig.pm\n"
  unless $conf =~ m{^\Q$dir\E/+etc/RT_SiteConfig\.pm$} && -f $conf;
RT::LoadConfig();
die "rt-admin: config does not point at $dir\n"
  unless index(RT->Config->Get('DatabaseName'), $dir) == 0;
RT::Init();
umask 077;

# Agents work the queues; the viewer may look but never own or change
# (the console needs a user that RT refuses); customers are unprivileged
# and need just enough to open and answer their own tickets.
my @QUEUES       = qw(Support Billing Technical);
my @AGENT_RIGHTS = qw(ShowTicket ModifyTicket OwnTicket ReplyToTicket
  CommentOnTicket SeeQueue SeeCustomField ModifyCustomField TakeTicket
  StealTicket ShowTicketComments);
my @VIEWER_RIGHTS     = qw(SeeQueue ShowTicket);
my @CUSTOMER_RIGHTS   = qw(CreateTicket ReplyToTicket SeeQueue);   # Unprivileged group
my @REQUESTOR_RIGHTS  = qw(ShowTicket);                            # Requestor role
my @CUSTOM_FIELDS     = qw(CSAT NPS CES Channel);
my @TOKEN_USERS       = ('alice', 'bob', 'dave', 'carol@example.com', 'erin@example.com');

sub fail { die "rt-admin: @_\n" }

sub write_secret {
    my ($path, $secret) = @_;
    open my $fh, '>', "$path.tmp" or fail "cannot write $path: $!";
    print {$fh} "$secret\n";
    close $fh or fail "cannot write $path: $!";
    chmod 0600, "$path.tmp";
    rename "$path.tmp", $path or fail "cannot rename $path: $!";
}

sub make_token {
    my ($name, $path) = @_;
    my $user = RT::User->new(RT->SystemUser);
    $user->Load($name);
    fail "no such user $name" unless $user->id;
    my ($id, $msg, $auth) = RT::AuthToken->new(RT->SystemUser)->Create(
        Owner => $user->id, Description => 'csm-test');
    fail "token for $name: $msg" unless $id;
    write_secret($path, $auth);
}

sub grant {
    my ($principal, $right, $object, $what) = @_;
    my ($ok, $msg) = $principal->GrantRight(Right => $right, Object => $object);
    # Re-granting answers "already has that right"; anything else is fatal.
    fail "grant $right to $what: $msg" unless $ok || $msg =~ /already/i;
}

sub load_queue {
    my $q = RT::Queue->new(RT->SystemUser);
    $q->Load($_[0]);
    fail "no queue $_[0]" unless $q->id;
    return $q;
}

if ($cmd eq 'bootstrap') {
    # Mail notifications cost ~50 ms per ticket and only fill the mbox; keep
    # the scrips that change ticket state (auto-open, SLA starts/due).
    my $scrips = RT::Scrips->new(RT->SystemUser);
    $scrips->UnLimit;
    while (my $s = $scrips->Next) {
        next unless $s->ActionObj->ExecModule =~ /^(Notify|NotifyAsComment|Autoreply|SendForward)$/;
        next if $s->Disabled;
        my ($ok, $msg) = $s->SetDisabled(1);
        fail "disable scrip " . $s->id . ": $msg" unless $ok;
    }
    make_token('root', "$dir/token");
}
elsif ($cmd eq 'finish') {
    my $agents = RT::Group->new(RT->SystemUser);
    $agents->LoadUserDefinedGroup('Agents');
    fail "no group Agents" unless $agents->id;

    my $viewer = RT::User->new(RT->SystemUser);
    $viewer->Load('viewer');
    fail "no user viewer" unless $viewer->id;

    my $unpriv = RT::Group->new(RT->SystemUser);
    $unpriv->LoadSystemInternalGroup('Unprivileged');

    for my $qname (@QUEUES) {
        my $q = load_queue($qname);
        grant($agents->PrincipalObj, $_, $q, 'Agents') for @AGENT_RIGHTS;
        grant($viewer->PrincipalObj, $_, $q, 'viewer') for @VIEWER_RIGHTS;
        grant($unpriv->PrincipalObj, $_, $q, 'Unprivileged') for @CUSTOMER_RIGHTS;
        my $req = $q->RoleGroup('Requestor');
        grant($req->PrincipalObj, $_, $q, 'Requestor role') for @REQUESTOR_RIGHTS;

        for my $cfname (@CUSTOM_FIELDS) {
            my $cf = RT::CustomField->new(RT->SystemUser);
            $cf->LoadByName(Name => $cfname, LookupType => RT::Ticket->CustomFieldLookupType);
            fail "no custom field $cfname" unless $cf->id;
            next if $cf->IsAdded($q->id);
            my ($ok, $msg) = $cf->AddToObject($q);
            fail "apply $cfname to $qname: $msg" unless $ok;
        }
    }

    make_token('viewer', "$dir/viewer-token");
    mkdir "$dir/tokens", 0700 unless -d "$dir/tokens";
    for my $name (@TOKEN_USERS) {
        (my $file = $name) =~ s/\@.*//;
        make_token($name, "$dir/tokens/$file");
    }
}
else {
    fail "unknown command $cmd";
}
exit 0;
