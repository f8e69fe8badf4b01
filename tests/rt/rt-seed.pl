#!/usr/bin/perl
# Seeds the fixture helpdesk into a fresh private RT through REST2, as the
# console would see it in production: agents reply with their own tokens
# (so transaction Creators are real agents), customers open and answer
# tickets with theirs (so RT's SLA scrips treat them as outside actors).
# Only what REST2 cannot do is delegated to rt-admin.pl (rights, CF->queue).
#
#   rt-seed.pl --url URL --dir DIR            base fixture, writes DIR/seed.json
#   rt-seed.pl --url URL --dir DIR --bulk N   only the N bulk tickets, appends
#                                             their id range to DIR/seed.json
#   rt-seed.pl --url URL --dir DIR --scenario FILE
#                                             extra REST2 steps for one test
#
# A scenario file is JSON, applied on top of the fixture (never cached):
#   { "steps": [
#       { "as": "carol", "method": "POST", "path": "/ticket", "save": "t1",
#         "body": { "Queue": "Support", "Subject": "x", "Requestor": "carol@example.com" } },
#       { "as": "alice", "method": "PUT", "path": "/ticket/{{t1}}",
#         "body": { "Owner": "alice", "Due": "{{utc:-3600}}" } },
#       { "as": "viewer", "method": "PUT", "path": "/ticket/{{ticket:new_unowned}}",
#         "body": { "Owner": "bob" }, "expect": "200" } ] }
# "as" is root, viewer, alice, bob, dave, carol or erin. Placeholders:
# {{NAME}} (an id saved by an earlier step), {{ticket:KEY}}, {{queue:NAME}},
# {{user:NAME}} (ids from seed.json), {{utc:SECONDS}} (now + SECONDS, as
# 'YYYY-MM-DD HH:MM:SS' UTC). "expect" is a regex for the HTTP status
# (default 200 or 201); RT's failure messages in 200 bodies are only fatal
# when "expect" is absent. Saved ids land in seed.json under "scenario".
#
# Everything is deterministic except timestamps; ids are stable because the
# DB is fresh. Tokens are read from files in DIR and never printed.
use strict;
use warnings;
use Getopt::Long;
use HTTP::Tiny;
use JSON::PP;
use POSIX qw(strftime);
use FindBin;
use Time::HiRes qw(time);

my ($url, $dir, $bulk, $scenario) = ('', '', 0, '');
my $usage = "usage: $0 --url URL --dir DIR [--bulk N | --scenario FILE]\n";
GetOptions('url=s' => \$url, 'dir=s' => \$dir, 'bulk=i' => \$bulk, 'scenario=s' => \$scenario)
  or die $usage;
die $usage unless $url && -d $dir;

my $API  = "$url/REST/2.0";
my $json = JSON::PP->new->canonical->utf8;
my $http = HTTP::Tiny->new(timeout => 120, agent => 'csm-rt-seed/1');
open my $LOG, '>>', "$dir/seed.log" or die "seed.log: $!\n";
$LOG->autoflush(1);

sub read_token {
    my $f = shift;
    open my $fh, '<', $f or die "rt-seed: cannot read token file $f: $!\n";
    chomp(my $t = <$fh> // '');
    die "rt-seed: empty token file $f\n" unless $t;
    return $t;
}

my %TOKEN = (root => read_token("$dir/token"));

# One REST2 call as $who. Dies on an unexpected status. PUT and correspond
# report failures inside a 200/201 body, so those messages are checked too.
sub api {
    my ($who, $method, $path, $body, $want) = @_;
    my $lenient = defined $want;
    $want ||= qr/^20[01]$/;
    my %opt = (headers => {
        'Authorization' => "token $TOKEN{$who}",
        'Accept'        => 'application/json',
    });
    if (defined $body) {
        $opt{headers}{'Content-Type'} = 'application/json';
        $opt{content} = $json->encode($body);
    }
    my $t0  = time;
    my $res = $http->request($method, "$API$path", \%opt);
    my $data;
    $data = eval { $json->decode($res->{content}) } if length($res->{content} // '');
    my $shown = length($res->{content} // '') < 400 ? ($res->{content} // '') : '(long body)';
    printf {$LOG} "%.3fs %s %s %s -> %s %s\n", time - $t0, $who, $method, $path, $res->{status}, $shown;
    die "rt-seed: $method $path as $who: HTTP $res->{status} $res->{reason} "
      . substr($res->{content} // '', 0, 300) . "\n"
      unless $res->{status} =~ $want;
    if (ref $data eq 'ARRAY' && !$lenient) {
        # Bulk PUT/correspond nest [id, messages...] per ticket; bulk create
        # gives objects, which the caller checks.
        my @flat = map { ref $_ eq 'ARRAY' ? @$_ : $_ } @$data;
        for my $m (@flat) {
            next if ref $m;
            die "rt-seed: $method $path as $who: RT said: $m\n"
              if $m =~ /permission denied|could not|couldn't|can't|isn't a valid|invalid|no permission|failed|must match|does not exist/i;
        }
    }
    return $data;
}

sub utc { strftime('%Y-%m-%d %H:%M:%S', gmtime(int shift)) }

my %seed;
if (-e "$dir/seed.json") {
    open my $fh, '<', "$dir/seed.json" or die "seed.json: $!\n";
    local $/;
    %seed = %{ $json->decode(<$fh>) };
}

sub write_seed {
    open my $fh, '>', "$dir/seed.json.tmp" or die "seed.json: $!\n";
    print {$fh} JSON::PP->new->canonical->pretty->encode(\%seed);
    close $fh;
    rename "$dir/seed.json.tmp", "$dir/seed.json" or die "seed.json: $!\n";
}

sub load_actor_tokens {
    for my $name (qw(alice bob dave carol erin)) {
        $TOKEN{$name} = read_token("$dir/tokens/$name");
    }
    $TOKEN{"$_\@example.com"} = $TOKEN{$_} for qw(carol erin);
    $TOKEN{viewer} = read_token("$dir/viewer-token");
}

if ($bulk) {
    load_actor_tokens();
    seed_bulk($bulk);
    write_seed();
    exit 0;
}
if ($scenario) {
    load_actor_tokens();
    run_scenario($scenario);
    write_seed();
    exit 0;
}

# ---------------------------------------------------------------- objects
$seed{rt_version} = api(root => GET => '/rt')->{Version};
$seed{seeded_at}  = utc(time) . ' UTC';

my %queue;
for my $q (
    [Support   => 'First-line support',    0],
    [Billing   => 'Invoices and payments', 0],
    [Technical => 'Second-line technical', 1],   # SLA stays off: no Due here
) {
    my $r = api(root => POST => '/queue', {
        Name => $q->[0], Description => $q->[1], SLADisabled => $q->[2],
        CorrespondAddress => lc($q->[0]) . '@helpdesk.example.com',
        CommentAddress    => lc($q->[0]) . '-comment@helpdesk.example.com',
    });
    $queue{ $q->[0] } = 0 + $r->{id};
}
$seed{queues} = \%queue;

my %user;
for my $u (
    [alice  => 'Alice Agent',  'alice@helpdesk.example.com', 1],
    [bob    => 'Bob Agent',    'bob@helpdesk.example.com',   1],
    [dave   => 'Dave Duty',    'dave@helpdesk.example.com',  1],
    [viewer => 'Vera Viewer',  'viewer@helpdesk.example.com', 1],
    ['carol@example.com' => 'Carol Customer', 'carol@example.com', 0],
    ['erin@example.com'  => 'Erin Customer',  'erin@example.com',  0],
) {
    my $r = api(root => POST => '/user', {
        Name => $u->[0], RealName => $u->[1], EmailAddress => $u->[2],
        Privileged => $u->[3], Timezone => 'UTC', Lang => 'en',
        ($u->[3] ? (Password => 'password') : ()),
    });
    # POST /user answers with the name as id; members want principal ids.
    $user{ $u->[0] } = 0 + api(root => GET => "/user/$r->{id}")->{id};
}
$seed{users} = \%user;

my $agents = api(root => POST => '/group', {
    Name => 'Agents', Description => 'Helpdesk agents' });
$seed{groups} = { Agents => 0 + $agents->{id} };
api(root => PUT => "/group/$agents->{id}/members", [ map { $user{$_} } qw(alice bob dave) ]);

my %cf;
for my $c (
    [CSAT => 'Freeform', '(?#Integer 1-5)^[1-5]?$',           'Customer satisfaction 1-5'],
    [NPS  => 'Freeform', '(?#Integer 0-10)^(?:[0-9]|10)?$',   'Net promoter score 0-10'],
    [CES  => 'Freeform', '(?#Integer 1-7)^[1-7]?$',           'Customer effort score 1-7'],
    [Channel => 'Select', '',                                 'Contact channel'],
) {
    my $r = api(root => POST => '/customfield', {
        Name => $c->[0], Type => $c->[1], MaxValues => 1, Description => $c->[3],
        LookupType => 'RT::Queue-RT::Ticket',
        ($c->[2] ? (Pattern => $c->[2]) : ()),
    });
    $cf{ $c->[0] } = 0 + $r->{id};
}
my $order = 0;
for my $v (qw(email chat phone social sms)) {
    api(root => POST => "/customfield/$cf{Channel}/value", { Name => $v, SortOrder => ++$order });
}
$seed{customfields} = \%cf;

system($^X, "$FindBin::Bin/rt-admin.pl", 'finish', $dir) == 0
  or die "rt-seed: rt-admin.pl finish failed\n";
load_actor_tokens();

# ---------------------------------------------------------------- tickets
my (%ticket, @tickets);

sub create {
    my ($key, $who, %f) = @_;
    my $ch = delete $f{Channel};
    my $r = api($who => POST => '/ticket', {
        ContentType => 'text/plain',
        Content     => "Seed ticket '$key'.\n",
        %f,
    });
    my $id = 0 + $r->{id};
    $ticket{$key} = $id;
    push @tickets, { key => $key, id => $id, created_by => $who };
    # Customers may not set CFs; a triage step (root) records the channel.
    api(root => PUT => "/ticket/$id", { CustomFields => { Channel => $ch } }) if $ch;
    return $id;
}
sub reply   { my ($who, $id, $text, %f) = @_;
              api($who => POST => "/ticket/$id/correspond",
                  { Content => $text, ContentType => 'text/plain', %f }) }
sub comment { my ($who, $id, $text, %f) = @_;
              api($who => POST => "/ticket/$id/comment",
                  { Content => $text, ContentType => 'text/plain', %f }) }
sub update  { my ($who, $id, %f) = @_; api($who => PUT => "/ticket/$id", \%f) }
sub take    { my ($who, $id) = @_; api($who => PUT => "/ticket/$id/take", {}) }

my $t;

$t = create(new_unowned => 'carol@example.com',
    Queue => 'Support', Requestor => 'carol@example.com',
    Subject => 'Cannot log in to the customer portal', Channel => 'email');

$t = create(new_owned => 'root',
    Queue => 'Support', Requestor => 'erin@example.com', Owner => 'alice',
    Priority => 20, Subject => 'Printer on the 3rd floor is offline', Channel => 'phone');

$t = create(open_replied => 'carol@example.com',
    Queue => 'Support', Requestor => 'carol@example.com',
    Subject => 'VPN disconnects every hour', Channel => 'email');
take(alice => $t);
reply(alice => $t, "Hi Carol, which VPN client version do you use?", TimeTaken => 15);
comment(alice => $t, "Gateway logs show idle timeouts at 60 min.", TimeTaken => 5);

$t = create(customer_replied_last => 'erin@example.com',
    Queue => 'Billing', Requestor => 'erin@example.com',
    Subject => 'Invoice #1042 shows the wrong VAT rate', Channel => 'email');
take(bob => $t);
reply(bob => $t, "Hi Erin, we are checking the VAT rate on #1042.", TimeTaken => 10);
reply('erin@example.com' => $t, "Thanks, but it is still 19% instead of 7%.");

$t = create(stalled => 'root',
    Queue => 'Billing', Requestor => 'carol@example.com', Owner => 'bob',
    Priority => 30, Subject => 'Refund for a duplicate charge', Channel => 'chat');
reply(bob => $t, "Refund requested from the payment provider; waiting for them.", TimeTaken => 12);
update(bob => $t, Status => 'stalled');

$t = create(resolved_csat_high => 'erin@example.com',
    Queue => 'Support', Requestor => 'erin@example.com',
    Subject => 'Password reset link expired', Channel => 'email');
take(alice => $t);
reply(alice => $t, "Here is a fresh reset link; it is valid for 24 hours.",
      TimeTaken => 8, Status => 'resolved');
update(root => $t, CustomFields => { CSAT => 5, NPS => 9, CES => 2 });

$t = create(resolved_csat_low => 'root',
    Queue => 'Technical', Requestor => 'carol@example.com', Owner => 'dave',
    Priority => 70, Subject => 'API returns 500 on /orders', Channel => 'chat');
comment(dave => $t, "Stack trace points at the orders serializer.", TimeTaken => 20);
reply(dave => $t, "Fixed in release 4.2.1, please retry.", TimeTaken => 30);
update(dave => $t, Status => 'resolved');
update(root => $t, CustomFields => { CSAT => 2, NPS => 3, CES => 6 });

$t = create(rejected => 'carol@example.com',
    Queue => 'Support', Requestor => 'carol@example.com',
    Subject => 'Cheap watches!!!', Channel => 'social');
update(alice => $t, Status => 'rejected');

$t = create(owner_changed => 'root',
    Queue => 'Technical', Owner => 'alice', Priority => 50,
    Subject => 'Server room temperature alert', Channel => 'phone');
update(root => $t, Owner => 'dave');          # supervisor reassigns
comment(dave => $t, "Air conditioning unit 2 restarted.", TimeTaken => 10);
update(dave => $t, Status => 'open');

$t = create(queue_moved => 'erin@example.com',
    Queue => 'Support', Requestor => 'erin@example.com',
    Subject => 'Change the billing address on my account', Channel => 'email');
comment(alice => $t, "This belongs to Billing.", TimeTaken => 2);
update(root => $t, Queue => 'Billing');
update(root => $t, Owner => 'bob');

$t = create(due_past => 'carol@example.com',
    Queue => 'Support', Requestor => 'carol@example.com',
    Subject => 'Mobile app crashes on start', Channel => 'sms');
update(root => $t, Owner => 'bob', Status => 'open');
# Last, so no SLA scrip recomputes it: a deadline a day in the past.
update(root => $t, Due => utc(time - 26 * 3600));

$t = create(billing_new_unowned => 'erin@example.com',
    Queue => 'Billing', Requestor => 'erin@example.com',
    Subject => 'Quote for an annual plan', Channel => 'chat');

$t = create(internal_open => 'root',
    Queue => 'Technical', Owner => 'dave', Priority => 60, TimeEstimated => 120,
    Subject => 'Verify the nightly database backups', Channel => 'phone');
update(dave => $t, Status => 'open', TimeWorked => 45);

$t = create(resolved_csat_mid => 'carol@example.com',
    Queue => 'Support', Requestor => 'carol@example.com',
    Subject => 'Feature request: dark mode', Channel => 'chat');
take(alice => $t);
reply(alice => $t, "Thanks! Logged as a feature request.", TimeTaken => 6, Status => 'resolved');
update(root => $t, CustomFields => { CSAT => 4, NPS => 8, CES => 3 });

$t = create(open_busy => 'carol@example.com',
    Queue => 'Billing', Requestor => 'carol@example.com',
    Subject => 'Payment failed with card ending 4242', Channel => 'phone');
update(root => $t, Priority => 80);
take(bob => $t);
reply(bob => $t, "Your bank declined the charge; can you try another card?", TimeTaken => 9);
reply('carol@example.com' => $t, "Tried another card, same error.");
comment(bob => $t, "Gateway returns code 05 for both cards.", TimeTaken => 4);
reply(bob => $t, "We escalated this to the payment provider.", TimeTaken => 7);

$t = create(deleted => 'root',
    Queue => 'Support', Subject => 'Test ticket, please ignore');
api(root => DELETE => "/ticket/$t", undef, qr/^20[04]$/);

# What each ticket ended up as, for tests to assert against without
# hard-coding RT's SLA arithmetic.
for my $tk (@tickets) {
    my $d = api(root => GET => "/ticket/$tk->{id}");
    my %cfv = map { $_->{name} => $_->{values}[0] } @{ $d->{CustomFields} || [] };
    $tk->{$_} = $d->{$_} for qw(Subject Status Due Created);
    $tk->{Queue}  = (grep { $queue{$_} == $d->{Queue}{id} } keys %queue)[0];
    $tk->{Owner}  = $d->{Owner}{id};
    $tk->{Requestor} = [ map { $_->{id} } @{ $d->{Requestor} || [] } ];
    $tk->{CustomFields} = { map { $_ => $cfv{$_} } grep { defined $cfv{$_} } keys %cfv };
}
$seed{tickets}      = \%ticket;
$seed{ticket_list}  = \@tickets;
$seed{tokens}       = { root => 'token', viewer => 'viewer-token',
                        note => 'files in the instance dir, mode 0600; agents/customers in tokens/' };
write_seed();
exit 0;

# ---------------------------------------------------------------- bulk
# N tickets for benchmarks, spread deterministically over queues, owners and
# statuses. Created as root with a requestor, then each owner answers their
# own tickets, then the final statuses are set, all 100 per request.
sub seed_bulk {
    my $n = shift;
    my @queues = qw(Support Billing Technical);
    my @owners = qw(alice bob dave);
    my @channels = qw(email chat phone social sms);
    # 20-slot status wheel: 4 new, 7 open, 2 stalled, 6 resolved, 1 rejected
    my @wheel = ((('new') x 4), (('open') x 7), (('stalled') x 2), (('resolved') x 6), 'rejected');
    my (@plan, @ids);
    for my $i (0 .. $n - 1) {
        my $status = $wheel[$i % @wheel];
        my $owner  = ($status eq 'new' && $i % 2) ? 'Nobody' : $owners[$i % @owners];
        push @plan, {
            i => $i, status => $status, owner => $owner,
            create => {
                Queue     => $queues[$i % @queues],
                Subject   => sprintf('Bulk ticket %05d', $i + 1),
                Requestor => ($i % 2 ? 'carol@example.com' : 'erin@example.com'),
                Owner     => $owner,
                Priority  => ($i * 7) % 100,
                Status    => ($status eq 'new' ? 'new' : 'open'),
                Content   => "Bulk seed ticket $i.\n",
                ContentType => 'text/plain',
                CustomFields => { Channel => $channels[$i % @channels] },
            },
        };
    }
    for (my $off = 0; $off < @plan; $off += 100) {
        my @chunk = @plan[$off .. ($off + 99 < $#plan ? $off + 99 : $#plan)];
        my $r = api(root => POST => '/tickets/bulk', [ map { $_->{create} } @chunk ]);
        for my $k (0 .. $#chunk) {
            my $item = $r->[$k];
            die "rt-seed: bulk create failed: " . $json->encode($item) . "\n"
              unless ref $item eq 'HASH' && $item->{id};
            $chunk[$k]{id} = 0 + $item->{id};
        }
    }
    # Agent replies, as the agent, so Creator/TimeTaken look real.
    for my $agent (@owners) {
        my @mine = grep { $_->{owner} eq $agent && $_->{status} ne 'new' } @plan;
        for (my $off = 0; $off < @mine; $off += 100) {
            my @chunk = @mine[$off .. ($off + 99 < $#mine ? $off + 99 : $#mine)];
            api($agent => POST => '/tickets/bulk/correspond', [ map { {
                id => $_->{id}, ContentType => 'text/plain',
                Content => "Looking into it.\n", TimeTaken => 5 + $_->{i} % 25,
            } } @chunk ]);
        }
    }
    my @final = grep { $_->{status} =~ /^(stalled|resolved|rejected)$/ } @plan;
    for (my $off = 0; $off < @final; $off += 100) {
        my @chunk = @final[$off .. ($off + 99 < $#final ? $off + 99 : $#final)];
        api(root => PUT => '/tickets/bulk', [ map { {
            id => $_->{id}, Status => $_->{status},
            ($_->{status} eq 'resolved'
               ? (CustomFields => { CSAT => 1 + $_->{i} % 5, NPS => $_->{i} % 11, CES => 1 + $_->{i} % 7 })
               : ()),
        } } @chunk ]);
    }
    $seed{bulk} = { count => $n, first_id => $plan[0]{id}, last_id => $plan[-1]{id} };
}

# ---------------------------------------------------------------- scenario
sub run_scenario {
    my $file = shift;
    my $sc = do { local $/; open my $fh, '<', $file or die "rt-seed: $file: $!\n"; $json->decode(<$fh>) };
    my %saved;
    my $lookup = sub {
        my ($kind, $arg, $name) = @_;
        return $saved{$name} // die "rt-seed: scenario: {{$name}} not saved yet\n" if defined $name;
        return utc(time + $arg) if $kind eq 'utc';
        my %from = (ticket => 'tickets', queue => 'queues', user => 'users');
        my $table = $from{$kind} or die "rt-seed: scenario: unknown placeholder $kind\n";
        return $seed{$table}{$arg} // die "rt-seed: scenario: no $kind $arg\n";
    };
    my $subst = sub {
        my $v = shift;
        $v =~ s/\{\{(?:(\w+):([^}]+)|(\w+))\}\}/$lookup->($1, $2, $3)/ge;
        return $v;
    };
    my $walk;
    $walk = sub {
        my $x = shift;
        return ref $x eq 'HASH'  ? { map { $_ => $walk->($x->{$_}) } keys %$x }
             : ref $x eq 'ARRAY' ? [ map { $walk->($_) } @$x ]
             : ref $x            ? $x
             : defined $x        ? $subst->($x) : $x;
    };
    my $n = 0;
    for my $step (@{ $sc->{steps} || [] }) {
        $n++;
        my $who = $step->{as} || 'root';
        die "rt-seed: scenario step $n: unknown actor $who\n" unless $TOKEN{$who};
        my $want = defined $step->{expect} ? qr/^(?:$step->{expect})$/ : undef;
        my $r = api($who => uc($step->{method} || 'GET') => $subst->($step->{path}),
                    (exists $step->{body} ? $walk->($step->{body}) : undef), $want);
        if (my $name = $step->{save}) {
            die "rt-seed: scenario step $n: nothing to save\n" unless ref $r eq 'HASH' && defined $r->{id};
            $saved{$name} = 0 + $r->{id};
        }
    }
    $seed{scenario} = \%saved;
}
